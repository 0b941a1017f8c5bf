// Entry of the back-office screens; the shell (renderer/src/app) shows it as one of its screens.
// Tabs: receipts and journal (reprint, storno), cash (movements, X and Z reports), the "Klärung nötig"
// list of sales whose payment a manager has to decide, catalogue report, fiscal (DSFinV-K export, § 146a
// registration data).
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Tabs } from '../ui/Tabs'
import { CashPanel } from './CashPanel'
import { ClarifyPanel } from './ClarifyPanel'
import { FiscalPanel } from './FiscalPanel'
import { JournalPanel } from './JournalPanel'
import { ArticleSalesPanel } from './ArticleSalesPanel'
import { CataloguePanel, useCatalogueReport } from './CataloguePanel'
import { IntegrityPanel } from './IntegrityPanel'
import './backoffice.css'

export { ReceiptPreview } from './ReceiptPreview'
export { DrawerOpenDialog } from './DrawerOpenDialog'
export { ManagerPin, PIN_PATTERN } from './ManagerPin'
export { useActiveSeller } from './use-seller'
export { useErrorText } from './errors'

type Tab = 'journal' | 'cash' | 'clarify' | 'articles' | 'catalog' | 'fiscal' | 'integrity'

export function BackOfficeScreen({ initialTab = 'journal' }: { initialTab?: Tab } = {}) {
  const { t } = useTranslation()
  const [tab, setTab] = useState<Tab>(initialTab)
  const catalogue = useCatalogueReport()
  const catalogueProblems = catalogue.report?.problems.length ?? 0
  return (
    <main className="backoffice screen-page" aria-labelledby="bo-heading">
      <h1 id="bo-heading" className="visually-hidden">
        {t('backoffice.heading')}
      </h1>
      <Tabs<Tab>
        label={t('backoffice.heading')}
        tabs={[
          { id: 'journal', label: t('backoffice.tabs.journal') },
          { id: 'cash', label: t('backoffice.tabs.cash') },
          { id: 'clarify', label: t('backoffice.tabs.clarify') },
          { id: 'articles', label: t('backoffice.tabs.articles') },
          {
            id: 'catalog',
            label: catalogueProblems
              ? t('catalogReport.tabWithProblems', { count: catalogueProblems })
              : t('catalogReport.tab'),
          },
          { id: 'fiscal', label: t('backoffice.tabs.fiscal') },
          { id: 'integrity', label: t('backoffice.tabs.integrity') },
        ]}
        selected={tab}
        onSelect={setTab}
        className="bo-tabs-frame"
      >
        {tab === 'journal' ? (
          <JournalPanel />
        ) : tab === 'cash' ? (
          <CashPanel />
        ) : tab === 'clarify' ? (
          <ClarifyPanel />
        ) : tab === 'articles' ? (
          <ArticleSalesPanel />
        ) : tab === 'catalog' ? (
          <CataloguePanel report={catalogue.report} error={catalogue.error} />
        ) : tab === 'fiscal' ? (
          <FiscalPanel />
        ) : (
          <IntegrityPanel />
        )}
      </Tabs>
    </main>
  )
}
