package io.wharf.index.ui.site;

/** The {@code page} parameter of paged pages, counted from 1 as people count. */
public final class PageNumbers {

    private PageNumbers() {
    }

    /** The page asked for; anything that is not a positive number is the first page. */
    public static int parse(String page) {
        try {
            return Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }
}
