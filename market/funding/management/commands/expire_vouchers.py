"""manage.py expire_vouchers: expire vouchers past their validity; their unused value returns to
the year's budget (run daily, beside close_expired_needs)."""

from django.core.management.base import BaseCommand

from market.funding.services import vouchers_expire


class Command(BaseCommand):
    help = "Expire innovation vouchers past their validity; unused value returns to the budget."

    def handle(self, *args, **options):
        expired = vouchers_expire()
        self.stdout.write(f"Expired {expired} vouchers.")
