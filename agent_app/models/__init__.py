"""Qt item models over what the relay tells the app; views only display them."""
