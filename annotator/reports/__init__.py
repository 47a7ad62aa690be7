"""Source-bias reports: profiles computed from tags, and their renderings."""
