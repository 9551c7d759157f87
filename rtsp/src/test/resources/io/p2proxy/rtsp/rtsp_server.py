# A real RTSP server for the tests: GStreamer's RTSP server serving a live test pattern at /test.
# Usage: /usr/bin/python3 rtsp_server.py PORT [FPS]; prints "ready PORT" once it listens.
import sys
import gi
gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import Gst, GstRtspServer, GLib

Gst.init(None)
port = sys.argv[1]
fps = int(sys.argv[2]) if len(sys.argv) > 2 else 20
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    "( videotestsrc is-live=true pattern=ball ! video/x-raw,format=I420,width=160,height=120,framerate=%d/1 "
    "! jpegenc quality=50 ! rtpjpegpay name=pay0 pt=26 )" % fps)
# Not shared: with a shared media, rapid connect/teardown rounds made GStreamer 1.22 abort (SIGABRT).
factory.set_shared(False)
server.get_mount_points().add_factory("/test", factory)
if server.attach(None) == 0:
    print("cannot listen on port " + port, flush=True)
    sys.exit(1)
print("ready " + port, flush=True)
GLib.MainLoop().run()
