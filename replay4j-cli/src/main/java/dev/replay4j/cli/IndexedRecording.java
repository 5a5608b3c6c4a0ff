// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

/**
 * What {@code replay4j ui} knows of one file without reading it again: enough to list it, filter it and search it.
 *
 * @param path   relative to DIR, with {@code /}
 * @param folder the folder it is in, relative to DIR ({@code ""}: DIR itself)
 * @param title  the first line of its last user message (or of the problem, for a broken file)
 * @param text    its prompts and answers, lower-cased, cut at {@link RecordingIndex#MAX_TEXT}: what a search reads
 * @param version its size, time (to the nanosecond) and file key (the inode): an atomic re-recording changes it
 */
record IndexedRecording(String path, String folder, String testId, String method, String endpoint, String model, boolean streamed,
                        boolean error, int status, String verdict, String message, String title, String text, long size,
                        String version) {
}
