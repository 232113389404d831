package fr.sarcoma.referral.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request: the request line and headers go out exactly as
 * given (a {@code //}, a raw {@code %00}, bytes that are not UTF-8), which no HTTP client library allows.
 */
final class RawHttp {

  record Header(String name, String value) {}

  record Reply(int status, Map<String, String> headers, byte[] body) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String contentType() {
      return headers.getOrDefault("content-type", "");
    }
  }

  private final int port;

  RawHttp(int port) {
    this.port = port;
  }

  static Header basic(String user) {
    return new Header(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
  }

  Reply send(String method, String target, List<Header> headers, byte[] body) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      StringBuilder head = new StringBuilder();
      head.append(method)
          .append(' ')
          .append(target)
          .append(" HTTP/1.1\r\n")
          .append("Host: localhost:")
          .append(port)
          .append("\r\n")
          .append("Connection: close\r\n");
      headers.forEach(
          header -> head.append(header.name()).append(": ").append(header.value()).append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
          out.write(body);
        }
        out.flush();
      } catch (IOException refusedEarly) {
        // The server may answer and close before reading a large body: its answer is still there to
        // read.
      }
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + abbreviate(target), e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[16384];
    try {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        all.write(buffer, 0, read);
      }
    } catch (IOException reset) {
      if (all.size() == 0) {
        throw reset;
      }
    }
    return all.toByteArray();
  }

  private static Reply parse(byte[] raw) {
    int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    if (end < 0) {
      throw new IllegalStateException("No complete HTTP answer (" + raw.length + " bytes)");
    }
    String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = dechunk(body);
    }
    return new Reply(status, headers, body);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int position = 0;
    while (position < chunked.length) {
      int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.ISO_8859_1), position);
      if (lineEnd < 0) {
        break;
      }
      String sizeText =
          new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1)
              .split(";")[0].trim();
      int size = Integer.parseInt(sizeText, 16);
      if (size == 0) {
        break;
      }
      body.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
      position = lineEnd + 2 + size + 2;
    }
    return body.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    return indexOf(data, pattern, 0);
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static String abbreviate(String text) {
    return text.length() <= 160
        ? text
        : text.substring(0, 160) + "…(" + text.length() + " caractères)";
  }
}
