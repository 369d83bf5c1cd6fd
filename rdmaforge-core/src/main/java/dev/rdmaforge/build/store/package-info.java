/**
 * The content store: build outputs kept under the SHA-256 of a documented description of their
 * inputs ({@link dev.rdmaforge.build.store.StepKey}), written to a temporary directory and renamed
 * into place, verified against their manifest when read, safe for several processes at once.
 * Open one with {@link dev.rdmaforge.build.store.ContentStore#open}.
 */
package dev.rdmaforge.build.store;
