"""Cost and profit: products gain a cost price, order lines keep the cost in force when sold,
orders keep their lines' cost (and what of them has no known cost); covering indexes for the
reports.

Lines already there have no known cost (NULL): their profit is shown as unknown, never as a
100 % margin; their orders count them as lines without cost.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(precision=14, scale=2)
REPORTED = sa.text("deleted_at IS NULL AND kind = 'order' AND status <> 'cancelled'")
ORDER_REPORT_COLUMNS = [
    "order_date", "company_id", "currency", "owner_id", "total", "cost", "uncosted_amount",
    "uncosted_lines", "paid", "due_date", "kind", "status", "deleted_at",
]  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cost_price", MONEY, nullable=True))
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_cost", MONEY, nullable=True))
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cost", MONEY, server_default="0", nullable=False))
        batch_op.add_column(sa.Column("uncosted_amount", MONEY, server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("uncosted_lines", sa.Integer(), server_default="0", nullable=False)
        )
    # Every line so far has no known cost: its order's total is all "without cost".
    op.execute(
        "UPDATE orders SET uncosted_amount = total, uncosted_lines = "
        "(SELECT count(*) FROM order_lines WHERE order_lines.order_id = orders.id)"
    )
    op.create_index(
        "ix_orders_report",
        "orders",
        ORDER_REPORT_COLUMNS,
        sqlite_where=REPORTED,
        postgresql_where=REPORTED,
    )
    op.create_index(
        "ix_order_lines_report",
        "order_lines",
        ["order_id", "product_id", "amount", "quantity", "unit_cost"],
    )
    op.create_index("ix_payments_report", "payments", ["order_id", "paid_on", "amount"])


def downgrade() -> None:
    op.drop_index("ix_payments_report", table_name="payments")
    op.drop_index("ix_order_lines_report", table_name="order_lines")
    op.drop_index("ix_orders_report", table_name="orders")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("uncosted_lines")
        batch_op.drop_column("uncosted_amount")
        batch_op.drop_column("cost")
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_column("unit_cost")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_column("cost_price")
