package dev.nextbest.local.servers;

/**
 * A real server this runtime starts and stops. It can be stopped and started again on the same
 * port with the same data, which is how tests prove that health checks notice an outage.
 */
public interface ManagedServer extends AutoCloseable {

    String name();

    int port();

    void start();

    void stop();

    boolean isRunning();

    /** Stops the server and removes any temporary data it created. */
    @Override
    void close();
}
