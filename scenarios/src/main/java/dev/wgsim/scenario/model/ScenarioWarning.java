package dev.wgsim.scenario.model;

/**
 * Something in a scenario (or a wg-quick file it imports) that runs, but probably not as its author
 * meant: a shell hook wgsim does not run, a preshared key on one side only, a peer that matches no
 * node. {@code check} and {@code run} print these on stderr; {@code summary.json} lists them.
 *
 * @param file    the file it is in (the scenario, or the imported .conf)
 * @param line    1-based, 0 when unknown
 * @param column  1-based, 0 when unknown (wg-quick lines have none)
 * @param path    the field ({@code nodes[0].wireguard.peers[1]} or {@code [Interface] PostUp})
 * @param message what is ignored or suspicious, and what wgsim does instead
 */
public record ScenarioWarning(String file, int line, int column, String path, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": warning: ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
