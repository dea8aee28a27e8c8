package dev.wgsim.wg.config;

/** Something in a config file the simulator keeps but does not act on. */
public record ConfigWarning(String file, int line, String section, String key, String message) {
    @Override
    public String toString() {
        return ConfigException.format(file, line, section, key, message, null);
    }
}
