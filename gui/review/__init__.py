"""The four-eyes review in the window: who is acting, the review dialog, the banners."""
