// The red "Journal verändert" banner: shown on every screen while the journal's verify has findings no
// manager has acknowledged yet. The till keeps selling; the Z closing waits for the acknowledgement
// (back office, tab "Prüfung"). The finding's own text names the first bad row.
import { useTranslation } from 'react-i18next'
import { useLiveState } from '../ui/hooks'

export function IntegrityBanner() {
  const { t, i18n } = useTranslation()
  const [status] = useLiveState('integrity.status', 'journal.integrity')
  if (status?.state !== 'altered') return null
  const first = status.findings[0]
  const text = first ? (i18n.language === 'en' ? first.en : first.de) : ''
  return (
    <div className="integrity-banner" role="alert" data-testid="integrity-banner">
      <strong>{t('integrity.banner')}</strong> <span>{text}</span>{' '}
      <span className="integrity-banner-hint">{t('integrity.hint', { count: status.findings.length })}</span>
    </div>
  )
}
