"""Pure rules of referrals: when the partner's feedback is expected."""

from datetime import date, timedelta

# The partner's feedback is expected within a month unless the worker agrees another date (journey 4).
REFERRAL_FEEDBACK_DAYS = 30


def referral_feedback_due(referred_on: date) -> date:
    return referred_on + timedelta(days=REFERRAL_FEEDBACK_DAYS)
