"""What an ingest or import did, counted per record (architecture.md, habit 3), and its Polish summary."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ImportReport:
    """Counts of records inserted, updated, unchanged and sent to review, and the failures (file, reason)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    review: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: int = 0  # records that carry data-quality warnings (kept on the records themselves)
    files: int = 0
    seconds: float = 0.0

    def add(self, other: ImportReport) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.review += other.review
        self.failed.extend(other.failed)
        self.warnings += other.warnings
        self.files += other.files

    @property
    def ok(self) -> bool:
        return not self.failed

    def lines(self) -> list[str]:
        """Summary lines in Polish, then one line per failed file with its reason."""
        out = [
            f"dodano: {self.inserted}",
            f"zaktualizowano: {self.updated}",
            f"bez zmian: {self.unchanged}",
            f"do przejrzenia: {self.review}",
            f"błędy: {len(self.failed)}",
        ]
        if self.warnings:
            out.append(f"rekordy z ostrzeżeniami: {self.warnings}")
        if self.files:
            out.append(f"pliki: {self.files}" + (f" w {self.seconds:.1f} s" if self.seconds else ""))
        out.extend(f"BŁĄD {name}: {reason}" for name, reason in self.failed)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())
