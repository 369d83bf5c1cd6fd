package dev.rdmaforge.fabric.validate;

/**
 * One file to validate.
 *
 * @param display the path as shown in findings
 * @param node the node it belongs to (the first directory below a rendered output directory), or
 *     empty when the file was named on its own
 * @param kind what it is
 * @param text its content
 */
public record InputFile(String display, String node, FileKind kind, String text) {}
