"""Pure rules of the dossier."""

# Break-the-glass needs a reason a reader of the access log can judge ("colleague ill, urgent question at the
# counter"), not a single word.
MINIMUM_BREAK_GLASS_REASON = 10
