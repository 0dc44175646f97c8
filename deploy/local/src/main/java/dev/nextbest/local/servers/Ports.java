package dev.nextbest.local.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks, so that a taken port is a clear message instead of a server's stack trace. */
public final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago, for servers started by tests. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * @param what   what wanted the port, e.g. "PostgreSQL"
     * @param option how a user chooses another port, e.g. "NEXTBEST_POSTGRES_PORT"
     */
    public static void requireFree(int port, String what, String option) {
        if (!isFree(port)) {
            throw new PortInUseException(port, what, option);
        }
    }

    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(int port, String what, String option) {
            super("port " + port + " for " + what + " is already in use. Stop whatever listens there "
                    + "(e.g. `ss -ltnp 'sport = :" + port + "'`) or choose another port with " + option + ".");
        }
    }
}
