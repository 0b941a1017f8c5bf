// index.xml: the GDPdU description of the export (DOCTYPE the official DTD, one <Table> per CSV with
// its columns in order, AlphaNumeric MaxLength / Numeric Accuracy), in the layout of the BZSt sample
// index (github.com/stustapay/stustapay, stustapay/DSFinV-K/assets/index.xml).
import { GDPDU_DTD_NAME } from './dtd'
import type { DsfinvkTable } from './table-schema'

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function columnXml(c: DsfinvkTable['columns'][number]): string {
  const type =
    c.type === 'AlphaNumeric'
      ? `          <AlphaNumeric />\n          <MaxLength>${c.maxLength}</MaxLength>\n`
      : (c.accuracy ?? 0) > 0
        ? `          <Numeric>\n            <Accuracy>${c.accuracy}</Accuracy>\n          </Numeric>\n`
        : `          <Numeric />\n`
  return `        <VariableColumn>\n          <Name>${esc(c.name)}</Name>\n${type}        </VariableColumn>\n`
}

function tableXml(t: DsfinvkTable): string {
  return `    <Table>
      <URL>${esc(t.file)}</URL>
      <Name>${esc(t.name)}</Name>
      <Description>${esc(t.file)}</Description>
      <UTF8 />
      <DecimalSymbol>,</DecimalSymbol>
      <DigitGroupingSymbol>.</DigitGroupingSymbol>
      <Range>
        <From>2</From>
      </Range>
      <VariableLength>
        <ColumnDelimiter>;</ColumnDelimiter>
        <RecordDelimiter>&#xD;&#xA;</RecordDelimiter>
        <TextEncapsulator>"</TextEncapsulator>
${t.columns.map(columnXml).join('')}      </VariableLength>
    </Table>
`
}

export function indexXml(
  tables: readonly DsfinvkTable[],
  supplier: { name: string; location: string; comment: string },
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE DataSet SYSTEM "${GDPDU_DTD_NAME}">
<DataSet>
  <Version>1.0</Version>
  <DataSupplier>
    <Name>${esc(supplier.name)}</Name>
    <Location>${esc(supplier.location)}</Location>
    <Comment>${esc(supplier.comment)}</Comment>
  </DataSupplier>
  <Media>
    <Name>DSFinV-K</Name>
${tables.map(tableXml).join('')}  </Media>
</DataSet>
`
}
