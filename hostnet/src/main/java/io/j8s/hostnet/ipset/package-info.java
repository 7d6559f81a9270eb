/**
 * Kernel IP sets, as {@code ipset} shows and changes them: an {@link io.j8s.hostnet.ipset.IpSet} is
 * a named set with its type, creation options and entries (in the normalised form {@code ipset save}
 * prints: {@code 10.43.0.1,tcp:443}, {@code 30080}); {@link io.j8s.hostnet.ipset.IpsetScript}
 * computes the {@code ipset restore} lines that turn the current sets into the desired ones
 * (create what is missing, add and delete entries, never touch sets it was not given);
 * {@link io.j8s.hostnet.ipset.IpsetCommand} runs Debian's ipset,
 * {@link io.j8s.hostnet.ipset.RecordingIpset} is the in-memory fake.
 */
package io.j8s.hostnet.ipset;
