package io.gatehouse.cli;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads an option's value from the environment when the command line does not give it: {@code --admin-address}
 * comes from {@code GATEHOUSE_ADMIN_ADDRESS}. A flag therefore always wins over the environment, and the
 * environment over the built-in default. Only the settings of {@code serve} and the client commands' connection
 * options ({@code --admin-url}, {@code --data-dir}) read the environment; a stray {@code GATEHOUSE_DESCRIPTION} does
 * not fill in a command's description.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
    private static final Set<String> CLIENT_OPTIONS = Set.of("--admin-url", "--data-dir");

    private final Map<String, String> environment;

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(requireNonNull(environment, "environment"));
    }

    /** The variable that holds an option: {@code --data-dir} is {@code GATEHOUSE_DATA_DIR}. */
    public static String variableOf(String longOption) {
        return "GATEHOUSE_" + longOption.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || !option.longestName().startsWith("--")) {
            return null;
        }
        boolean serve = option.command() != null && "serve".equals(option.command().name());
        if (!serve && !CLIENT_OPTIONS.contains(option.longestName())) {
            return null;
        }
        String value = environment.get(variableOf(option.longestName()));
        return value == null || value.isBlank() ? null : value;
    }
}
