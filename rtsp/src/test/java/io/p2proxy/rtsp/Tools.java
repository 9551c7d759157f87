package io.p2proxy.rtsp;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real parts these tests drive: ffmpeg/ffprobe and GStreamer's RTSP server through Debian's
 * python3-gi (Debian's /usr/bin/python3: a pyenv python on PATH has no gi). Missing tools skip the
 * tests with a message, unless P2PROXY_REQUIRE_TOOLS=true (CI): then they fail.
 */
final class Tools {

    static final String PYTHON = "/usr/bin/python3";

    private Tools() {
    }

    static void require() {
        String missing = missing();
        if (missing == null) {
            return;
        }
        String message = missing + " (apt-get install ffmpeg python3-gi gir1.2-gst-rtsp-server-1.0 "
                + "gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-tools)";
        if ("true".equals(System.getenv("P2PROXY_REQUIRE_TOOLS"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    private static String missing() {
        for (String tool : new String[] {"/usr/bin/ffmpeg", "/usr/bin/ffprobe", PYTHON}) {
            if (!Files.isExecutable(Path.of(tool))) {
                return tool + " is missing";
            }
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c",
                    "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0 ? null : "python3-gi with GstRtspServer is missing";
        } catch (Exception e) {
            return "cannot run " + PYTHON + ": " + e.getMessage();
        }
    }
}
