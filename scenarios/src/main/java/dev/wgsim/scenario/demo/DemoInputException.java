package dev.wgsim.scenario.demo;

/**
 * Bad input from the page (a form field, an unknown peer, a step out of range): the page shows
 * {@link #getMessage()} next to {@link #field()} and nothing in the simulation changed.
 */
public final class DemoInputException extends RuntimeException {
    private final String field;

    public DemoInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form field or request part at fault ({@code publicKey}, {@code allowedIps}, {@code peer}...). */
    public String field() {
        return field;
    }
}
