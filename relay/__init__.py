"""The Parley relay: brokers WebSocket traffic between visitor widgets and agent apps."""
