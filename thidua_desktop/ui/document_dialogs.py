"""The two dialogs of the Văn bản page: issuing a document (its number — the series' next one,
or one typed by hand — and its date), and adjusting a document kind's wording (title, texts
with {chỗ điền}, signer, Kính gửi, Nơi nhận), which is data saved in the workbook."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from thidua_desktop.services.document_templates import TemplateSpec

from .form_dialog import FormDialog, Problem, date_edit, date_of, line_edit, note_edit


class IssueDialog(FormDialog):
    """"Ban hành": the number the series gives is shown; typing another takes that one."""

    def __init__(self, name: str, next_number: str | None, parent: QWidget | None = None) -> None:
        super().__init__(f"Ban hành — {name}", parent)
        self.setObjectName("issue_dialog")
        self.numbered = next_number is not None
        self.number_edit = line_edit(self, placeholder=f"tự động: {next_number}" if next_number else "", min_chars=12)
        self.number_edit.setObjectName("issue_number")
        self.date_edit = date_edit(self, date.today())
        if self.numbered:
            self.add_field("&Số văn bản:", self.number_edit)
            self.add_note(f"Để trống thì lấy số tiếp theo của sổ văn bản năm nay ({next_number}). Gõ một số "
                          "(ví dụ 7) khi văn bản đã được cấp số ở văn thư.")
        else:
            self.add_note("Loại văn bản này không đánh số.")
        self.add_field("&Ngày ban hành:", self.date_edit)
        self.add_note("Tệp PDF (và bản Word) được lưu vào thư mục văn bản của khối; mã kiểm tra (SHA-256) của "
                      "tệp được ghi vào sổ văn bản.")

    def problem(self) -> Problem | None:
        text = self.number_edit.text().strip()
        if text and not (text.isdigit() and int(text) > 0):
            return "Số văn bản là một số nguyên dương (ví dụ 7), không kèm ký hiệu.", self.number_edit
        return None

    @property
    def number(self) -> int | None:
        text = self.number_edit.text().strip()
        return int(text) if text else None

    @property
    def day(self) -> date:
        return date_of(self.date_edit)


def _lines(edit: QPlainTextEdit) -> list[str]:
    return [x.strip() for x in edit.toPlainText().splitlines() if x.strip()]


class TemplateDialog(FormDialog):
    """The wording of one document kind; the placeholders it may use are listed under it."""

    def __init__(self, spec: TemplateSpec, parent: QWidget | None = None) -> None:
        super().__init__(f"Mẫu văn bản — {spec.name}", parent)
        self.setObjectName("template_dialog")
        self.spec = spec
        self.reset_requested = False
        self.title_edit = self.add_field("&Tên loại văn bản:", line_edit(self, spec.title, min_chars=50))
        self.summary_edit = self.add_field("Trích &yếu:", line_edit(self, spec.summary))
        self.text_edits: dict[str, QPlainTextEdit] = {}
        for number, (key, text) in enumerate(spec.texts.items(), start=1):
            edit = note_edit(self, text)
            self.text_edits[key] = self.add_field(f"Đoạn {number}:", edit)
        signer = spec.signer or {}
        self.prefix_edit: QLineEdit | None = None
        self.signer_title_edit: QLineEdit | None = None
        if spec.signer is not None:
            self.prefix_edit = self.add_field("Thẩm quyền ký:", line_edit(self, signer.get("prefix"),
                                                                            placeholder="TM. KHỐI THI ĐUA …"))
            self.signer_title_edit = self.add_field("Chức vụ người ký:", line_edit(self, signer.get("title")))
        self.kinh_gui_edit = self.add_field("&Kính gửi (mỗi dòng một nơi):", note_edit(self, "\n".join(spec.kinh_gui)))
        self.recipients_edit = self.add_field("&Nơi nhận (mỗi dòng một nơi):",
                                              note_edit(self, "\n".join(spec.recipients)))
        fields = ", ".join(f"{{{name}}} {what.lower()}" for name, what in spec.fields.items())
        self.add_note(f"Chỗ điền dùng được: {fields}.")
        self.reset_button = self.buttons.addButton("Khôi phục mẫu mặc định", self.buttons.ButtonRole.ResetRole)
        self.reset_button.setEnabled(spec.overridden)
        self.reset_button.clicked.connect(self._reset)

    def _reset(self) -> None:
        self.reset_requested = True
        super().accept()

    def content(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "title": self.title_edit.text().strip(),
            "summary": self.summary_edit.text().strip() or None,
            "texts": {key: edit.toPlainText().strip() for key, edit in self.text_edits.items()},
            "kinh_gui": _lines(self.kinh_gui_edit),
            "recipients": _lines(self.recipients_edit),
        }
        if self.prefix_edit is not None and self.signer_title_edit is not None:
            out["signer"] = {**(self.spec.signer or {}), "prefix": self.prefix_edit.text().strip(),
                             "title": self.signer_title_edit.text().strip()}
        return out

    def problem(self) -> Problem | None:
        if not self.title_edit.text().strip():
            return "Cần có tên loại văn bản.", self.title_edit
        return None
