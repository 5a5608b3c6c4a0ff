// SPDX-License-Identifier: Apache-2.0
/**
 * The helpers that the tests of every module share: plain HTTP calls ({@link dev.replay4j.fakeupstream.testing.Http}),
 * the benchmarks' raw-socket client ({@link dev.replay4j.fakeupstream.testing.HttpConnection}),
 * chat request bodies ({@link dev.replay4j.fakeupstream.testing.ChatBodies}), the files a test left under a
 * recordings root ({@link dev.replay4j.fakeupstream.testing.RecordingFiles}), and the conformance data beside the
 * project ({@link dev.replay4j.fakeupstream.testing.SharedData}). For tests and benchmarks only; never published.
 */
package dev.replay4j.fakeupstream.testing;
