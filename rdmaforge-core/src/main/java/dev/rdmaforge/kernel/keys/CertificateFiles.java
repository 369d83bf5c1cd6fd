package dev.rdmaforge.kernel.keys;

import dev.rdmaforge.report.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the certificates a user names with {@code --trusted-cert}: a PEM file (any number of
 * CERTIFICATE blocks; other blocks such as keys are passed over), a DER file (one certificate or
 * several back to back, the kernel's own list format), or a directory, whose files named {@code
 * *.pem, *.crt, *.cer, *.der, *.x509} are read in name order (so that a MOK directory's private key
 * is left alone). Anything else is a {@link UserInputException} naming the file and the place.
 */
final class CertificateFiles {
  private static final Set<String> EXTENSIONS = Set.of("pem", "crt", "cer", "der", "x509");
  private static final String BEGIN = "-----BEGIN ";
  private static final Set<String> CERTIFICATE_TYPES =
      Set.of("CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE");

  /**
   * One certificate read from a file.
   *
   * @param der its bytes
   * @param origin {@code "file <path>"}, with its position when the file holds several
   */
  record Source(byte[] der, String origin) {}

  private CertificateFiles() {}

  static List<Source> read(Path fileOrDirectory) {
    if (Files.isDirectory(fileOrDirectory)) {
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(fileOrDirectory)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          int dot = name.lastIndexOf('.');
          if (dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))
              && Files.isRegularFile(entry)) {
            files.add(entry);
          }
        }
      } catch (IOException e) {
        throw new UserInputException(fileOrDirectory + ": the directory cannot be read ("
            + e.getMessage() + "); give a readable directory of certificates", e);
      }
      if (files.isEmpty()) {
        throw new UserInputException(fileOrDirectory + ": no certificate files (*.pem, *.crt,"
            + " *.cer, *.der, *.x509) in this directory; give the certificate file itself or a"
            + " directory holding such files");
      }
      files.sort(null);
      List<Source> sources = new ArrayList<>();
      for (Path file : files) {
        sources.addAll(readFile(file));
      }
      return sources;
    }
    return readFile(fileOrDirectory);
  }

  private static List<Source> readFile(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read (" + e.getMessage() + "); give a"
          + " readable PEM or DER certificate file", e);
    }
    String text = new String(content, StandardCharsets.ISO_8859_1);
    List<byte[]> certificates = text.contains(BEGIN) ? pem(file, text) : der(file, content);
    List<Source> sources = new ArrayList<>();
    for (int i = 0; i < certificates.size(); i++) {
      String origin = "file " + file + (certificates.size() > 1
          ? " (certificate " + (i + 1) + " of " + certificates.size() + ")" : "");
      sources.add(new Source(certificates.get(i), origin));
    }
    return sources;
  }

  private static List<byte[]> pem(Path file, String text) {
    List<byte[]> certificates = new ArrayList<>();
    List<String> otherTypes = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith(BEGIN) || !line.endsWith("-----")) {
        continue;
      }
      String type = line.substring(BEGIN.length(), line.length() - 5);
      int beginLine = i + 1;
      StringBuilder base64 = new StringBuilder();
      String end = "-----END " + type + "-----";
      i++;
      while (i < lines.length && !lines[i].strip().equals(end)) {
        base64.append(lines[i].strip());
        i++;
      }
      if (i >= lines.length) {
        throw new UserInputException(file + ":" + beginLine + ": the BEGIN " + type + " block has"
            + " no \"" + end + "\" line; the file is truncated: copy it again");
      }
      if (!CERTIFICATE_TYPES.contains(type)) {
        otherTypes.add(type);
        continue;
      }
      byte[] der;
      try {
        der = Base64.getDecoder().decode(base64.toString());
      } catch (IllegalArgumentException e) {
        throw new UserInputException(file + ":" + beginLine + ": the " + type + " block is not"
            + " valid base64 (" + e.getMessage() + "); copy the certificate again", e);
      }
      requireCertificate(der, file + ":" + beginLine);
      certificates.add(der);
    }
    if (certificates.isEmpty()) {
      throw new UserInputException(file + ": no CERTIFICATE block" + (otherTypes.isEmpty() ? ""
          : " (found " + String.join(", ", otherTypes) + ")") + "; give the certificate (for"
          + " MOK, MOK.der or MOK.pem), not the key");
    }
    return certificates;
  }

  private static List<byte[]> der(Path file, byte[] content) {
    if (content.length == 0 || content[0] != Der.SEQUENCE) {
      throw new UserInputException(file + ": byte 0: neither PEM (no \"-----BEGIN\" line) nor a"
          + " DER certificate (which starts with byte 0x30"
          + (content.length == 0 ? ", the file is empty" : ", this file with 0x"
              + Hex.lower(new byte[] {content[0]}))
          + "); give an X.509 certificate in PEM or DER form");
    }
    List<byte[]> certificates = new ArrayList<>();
    int at = 0;
    while (at < content.length) {
      Der.Tlv element;
      try {
        element = Der.read(content, at, content.length);
      } catch (Der.DerException e) {
        throw new UserInputException(file + ": byte " + e.offset() + ": not a DER certificate ("
            + e.getMessage() + "); give an X.509 certificate in PEM or DER form", e);
      }
      byte[] der = element.encoded(content);
      requireCertificate(der, file + ": byte " + at);
      certificates.add(der);
      at = element.end();
    }
    return certificates;
  }

  private static void requireCertificate(byte[] der, String place) {
    try {
      org.bouncycastle.asn1.x509.Certificate.getInstance(der);
    } catch (RuntimeException e) {
      throw new UserInputException(place + ": not an X.509 certificate (" + e.getMessage()
          + "); give an X.509 certificate in PEM or DER form", e);
    }
  }
}
