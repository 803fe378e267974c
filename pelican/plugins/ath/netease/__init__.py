"""What NetEase's pages, exports and boilerplate look like."""
