import org.spockframework.runtime.model.parallel.ExecutionMode

// Two specs at a time: the lab specs spend most of their time waiting on booting hosts and daemons, and the
// specs against sshd on loopback run beside them. The lab specs share one lab (/var/lib/gplay-lab), so each holds
// the resource Lab.RESOURCE; features of one spec run in order, in its thread.
runner {
    parallel {
        enabled true
        defaultSpecificationExecutionMode ExecutionMode.CONCURRENT
        defaultExecutionMode ExecutionMode.SAME_THREAD
        fixed(2)
    }
}
