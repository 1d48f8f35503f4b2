package export

import (
	"context"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// The helpers of the tests that read what pledge writes as a spreadsheet
// does.

// sheetCell is one cell as read back: its type, its value as stored and as a
// spreadsheet shows it (with its number format).
type sheetCell struct {
	typ            excelize.CellType
	raw, formatted string
}

// number reports whether the cell holds a number: a cell of no type
// holds one too, as the file format has it.
func (c sheetCell) number() bool {
	_, err := strconv.ParseFloat(c.raw, 64)
	return (c.typ == excelize.CellTypeNumber || c.typ == excelize.CellTypeUnset) && err == nil
}

func readCell(t *testing.T, f *excelize.File, sheet, ref string) sheetCell {
	t.Helper()
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	formatted, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return sheetCell{typ, raw, formatted}
}

func ref(col, row int) string {
	r, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return r
}

// soffice is LibreOffice's program, or a skip.
func soffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no LibreOffice (soffice) to read the files as a spreadsheet would; apt-get install libreoffice-calc-nogui runs this test")
	return ""
}

// convert converts the file in with LibreOffice, headless, to the format
// of the extension ext, with the import filter filter if not "", and
// returns the file it wrote.
func convert(t *testing.T, in, ext, filter string) string {
	t.Helper()
	office := soffice(t)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := []string{"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--headless", "--norestore"}
	if filter != "" {
		args = append(args, "--infilter="+filter)
	}
	args = append(args, "--convert-to", ext, "--outdir", dir, in)
	out, err := exec.CommandContext(ctx, office, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))+"*."+strings.SplitN(ext, ":", 2)[0]))
	if len(matches) == 0 {
		t.Fatalf("soffice wrote nothing:\n%s", out)
	}
	return matches[0]
}
