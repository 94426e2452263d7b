"""host leases: workers sharing a cycle claim the hosts whose due sources they fetch

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 01:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "host_leases",
        sa.Column("host", sa.String(length=400), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("host", name=op.f("pk_host_leases")),
    )
    op.create_index(op.f("ix_host_leases_expires_at"), "host_leases", ["expires_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_host_leases_expires_at"), table_name="host_leases")
    op.drop_table("host_leases")
