"""Knowledge requests: members say what they need to learn, the platform matches them with
solutions, experts and offers, and the answers become knowledge others can find."""
