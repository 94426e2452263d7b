"""outbox batches and heartbeats: alert delivery and batch, longer dedupe keys, job heartbeats

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 10:02:11.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "heartbeats",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_heartbeats")),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("delivery", sa.String(length=16), nullable=False, server_default="immediate")
        )
        batch_op.add_column(sa.Column("batch", sa.String(length=400), nullable=True))
        batch_op.alter_column(
            "dedupe_key", existing_type=sa.String(length=200), type_=sa.String(length=400)
        )
        batch_op.create_index(batch_op.f("ix_alerts_batch"), ["batch"], unique=False)
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.alter_column("delivery", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alerts_batch"))
        batch_op.alter_column(
            "dedupe_key", existing_type=sa.String(length=400), type_=sa.String(length=200)
        )
        batch_op.drop_column("batch")
        batch_op.drop_column("delivery")
    op.drop_table("heartbeats")
