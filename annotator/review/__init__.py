"""Review of colleagues' tags: matching and agreement, adjudication decisions."""
