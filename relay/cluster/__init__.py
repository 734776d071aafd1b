"""Several relays as one: PostgreSQL is the record, Redis carries what relays tell each
other (relay/cluster/broker.py explains what crosses it and how a relay catches up).

envelopes.py     what relays send each other, as MessagePack
redis_link.py    the connection to Redis: channel, heartbeat, presence keys
broker.py        ClusterBroker: the Broker of a relay in a cluster
leader.py        which relay runs the work that must run once in the cluster
"""
