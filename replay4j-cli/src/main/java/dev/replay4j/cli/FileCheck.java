// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.cli;

import dev.replay4j.verify.FileKind;
import dev.replay4j.verify.FileReport;
import dev.replay4j.verify.Verdict;
import dev.replay4j.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;

/** The verdict on one file, whatever the file holds: malformed input gives a report, never an exception. */
final class FileCheck {
    private FileCheck() {
    }

    static FileReport check(RecordingFile file) {
        String name = file.relative();
        if (file.problem() != null) {
            return broken(name, file.problem());
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file.path());
        } catch (IOException e) {
            return broken(name, name + ": cannot read the file: " + IoProblems.describe(e));
        }
        try {
            return namingTheFile(Verifier.verify(name, content));
        } catch (RuntimeException e) {
            // A library bug must not hide the verdicts on the other files.
            return broken(name, name + ": could not be verified: " + e);
        }
    }

    private static FileReport broken(String file, String message) {
        return new FileReport(file, FileKind.BROKEN, Verdict.BROKEN, null, message);
    }

    /** Every message names its file, so that a line of output can be read on its own. */
    private static FileReport namingTheFile(FileReport r) {
        if (r.message() == null || r.message().startsWith(r.file())) {
            return r;
        }
        return new FileReport(r.file(), r.kind(), r.verdict(), r.key(), r.file() + ": " + r.message());
    }
}
