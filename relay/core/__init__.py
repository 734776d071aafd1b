"""Pure decisions of the relay: no I/O, time passed in, tested without sockets."""
