package io.j8s.kubelet.prober;

/** What a probe concluded. UNKNOWN: the check could not be run (runtime error), which moves no threshold. */
public enum ProbeResult { SUCCESS, FAILURE, UNKNOWN }
