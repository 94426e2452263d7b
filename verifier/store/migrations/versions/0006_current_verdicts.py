"""current verdicts: a claim's current verdict moves off its row into a narrow table

A full pass over a big catalogue then writes narrow rows instead of new versions
of the wide claim rows (and an entry in each of their indexes). Existing current
verdicts move across with the id of each claim's newest history row.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 14:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "current_verdicts",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("verdict_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_current_verdicts_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("statement_id", name=op.f("pk_current_verdicts")),
    )
    op.execute(
        sa.text(
            "INSERT INTO current_verdicts "
            "(statement_id, verdict_id, label, reason, digest, decided_at) "
            "SELECT s.id, (SELECT max(v.id) FROM verdicts v WHERE v.statement_id = s.id), "
            "s.label, COALESCE(s.reason, ''), COALESCE(s.verdict_digest, ''), "
            "COALESCE(s.verdict_at, s.created_at) FROM statements s "
            "WHERE s.label IS NOT NULL "
            "AND EXISTS (SELECT 1 FROM verdicts v WHERE v.statement_id = s.id)"
        )
    )
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statements_label"))
        batch_op.drop_column("verdict_at")
        batch_op.drop_column("verdict_digest")
        batch_op.drop_column("reason")
        batch_op.drop_column("label")


def downgrade() -> None:
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("label", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("verdict_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("verdict_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_statements_label"), ["label"], unique=False)
    op.execute(
        sa.text(
            "UPDATE statements SET "
            "label = (SELECT c.label FROM current_verdicts c WHERE c.statement_id = statements.id), "
            "reason = (SELECT c.reason FROM current_verdicts c "
            "WHERE c.statement_id = statements.id), "
            "verdict_digest = (SELECT c.digest FROM current_verdicts c "
            "WHERE c.statement_id = statements.id), "
            "verdict_at = (SELECT c.decided_at FROM current_verdicts c "
            "WHERE c.statement_id = statements.id)"
        )
    )
    op.drop_table("current_verdicts")
