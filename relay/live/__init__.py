"""The live layer: connections, who is online, audiences and the broker that reaches them."""
