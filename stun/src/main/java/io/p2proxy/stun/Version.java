package io.p2proxy.stun;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SOFTWARE value we send: "p2proxy" and the build's version (filtered into a resource). */
final class Version {

    private static final String SOFTWARE = "p2proxy " + load();

    private Version() {
    }

    static String software() {
        return SOFTWARE;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "dev");
            return version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev";
        }
    }
}
