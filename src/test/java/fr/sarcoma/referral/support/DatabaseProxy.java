package fr.sarcoma.referral.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 between an application context and the run's PostgreSQL server, that a test
 * can cut: the database goes away for that application only, while the shared server (and every other test's
 * connections) stays up. {@link #cut()} closes every forwarded connection (the pool's connections break, as
 * when the server stops) and stops listening (new connections are refused); {@link #restore()} listens again
 * on the same port. Loopback only; two threads per forwarded connection, all daemons.
 */
public final class DatabaseProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;
  private int port;

  private DatabaseProxy(InetSocketAddress target) {
    this.target = target;
  }

  /** A proxy to the server of this JDBC URL ({@code jdbc:postgresql://host:port/database}), listening. */
  public static DatabaseProxy to(String jdbcUrl) {
    URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
    DatabaseProxy proxy =
        new DatabaseProxy(
            new InetSocketAddress(
                server.getHost(), server.getPort() < 0 ? 5432 : server.getPort()));
    proxy.restore();
    return proxy;
  }

  /** The same JDBC URL, through this proxy. */
  public String rewrite(String jdbcUrl) {
    URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
    String database =
        server.getRawPath() + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
    return "jdbc:postgresql://127.0.0.1:" + port + database;
  }

  /** Listens (again) on its port, and forwards each new connection to the server. */
  public synchronized void restore() {
    if (listener != null) {
      return;
    }
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      port = socket.getLocalPort();
      listener = socket;
      daemon("database-proxy-accept", () -> accept(socket));
    } catch (IOException e) {
      throw new UncheckedIOException("The test's database proxy cannot listen on " + port, e);
    }
  }

  /** The database is away: new connections are refused, and the open ones are broken. */
  public synchronized void cut() {
    ServerSocket current = listener;
    listener = null;
    closeQuietly(current);
    sockets.forEach(DatabaseProxy::closeQuietly);
    sockets.clear();
  }

  @Override
  public void close() {
    cut();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket server = new Socket();
        try {
          server.connect(target);
        } catch (IOException unreachable) {
          closeQuietly(client);
          continue;
        }
        sockets.add(client);
        sockets.add(server);
        if (listener != socket) {
          // Cut while this connection was being set up: it dies with the others.
          closeQuietly(client);
          closeQuietly(server);
          continue;
        }
        daemon("database-proxy-up", () -> pump(client, server));
        daemon("database-proxy-down", () -> pump(server, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException broken) {
      // cut, or one side closed: close both below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private static void daemon(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
