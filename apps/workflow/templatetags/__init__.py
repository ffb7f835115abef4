"""Template tags of the partner portal: following, translation links."""
