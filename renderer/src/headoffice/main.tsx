// The head office view (npm run central): the chain's tills and how far behind they are, one day's sales
// per shop, per article (tomorrow's baking plan) and per hour, and the Z closings. Read-only; it asks the
// head office server's JSON every few seconds. Amounts arrive as integer cents and are formatted here only.
import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { HEAD_OFFICE_TEXT, type HeadOfficeLocale } from './text'
import './headoffice.css'

interface Till {
  tillId: string
  shopId: string
  lastSeq: number
  lagRows: number
  lagSeconds: number
  lastPushAt: string | null
  problems: number
  masterVersion: number | null
}
interface Master {
  shopId: string
  version: number
  createdAt: string
  products: number
  favourites: number
  discountReasons: number
}
interface Day {
  date: string
  shops: { shopId: string; sales: number; total: number }[]
  articles: {
    productId: string
    name: string
    quantity: number
    weightGrams: number
    total: number
    byHour: number[]
  }[]
  hours: { hour: number; sales: number; total: number }[]
  closings: {
    tillId: string
    shopId: string
    zNo: number
    at: string
    expectedCash: number
    countedCash: number
    difference: number
  }[]
}

const REFRESH_MS = 5_000

function useJson<T>(path: string): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null })
  useEffect(() => {
    let stop = false
    const load = () =>
      fetch(path)
        .then(async (r) => {
          const body = (await r.json()) as T & { error?: string }
          if (!r.ok) throw new Error(body.error ?? String(r.status))
          if (!stop) setState({ data: body, error: null })
        })
        .catch((e: unknown) => !stop && setState((s) => ({ data: s.data, error: String(e) })))
    void load()
    const timer = setInterval(load, REFRESH_MS)
    return () => {
      stop = true
      clearInterval(timer)
    }
  }, [path])
  return state
}

function HeadOffice() {
  const [locale, setLocale] = useState<HeadOfficeLocale>('de')
  const t = HEAD_OFFICE_TEXT[locale]
  const [date, setDate] = useState(() =>
    new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' }),
  )
  const [shop, setShop] = useState('')
  const tills = useJson<Till[]>('/api/tills')
  const master = useJson<Master[]>('/api/master')
  const latest = new Map((master.data ?? []).map((m) => [m.shopId, m.version]))
  const day = useJson<Day>(`/api/day?date=${encodeURIComponent(date)}&shop=${encodeURIComponent(shop)}`)
  const money = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  })
  const eur = (cents: number) => money.format(cents / 100)
  const time = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'Europe/Berlin' })
      : '–'
  const shops = [...new Set((tills.data ?? []).map((x) => x.shopId))]

  return (
    <main className="headoffice">
      <header>
        <h1>{t.title}</h1>
        <label>
          {t.date} <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          {t.shop}{' '}
          <select value={shop} onChange={(e) => setShop(e.target.value)}>
            <option value="">{t.allShops}</option>
            {shops.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setLocale(locale === 'de' ? 'en' : 'de')}>
          {locale === 'de' ? 'English' : 'Deutsch'}
        </button>
      </header>
      {(tills.error || day.error) && <p role="alert">{t.error(tills.error ?? day.error ?? '')}</p>}

      <section aria-labelledby="tills">
        <h2 id="tills">{t.tills}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.till}</th>
              <th>{t.shop}</th>
              <th>{t.rows}</th>
              <th>{t.lag}</th>
              <th>{t.lastPush}</th>
              <th>{t.problems}</th>
              <th>{t.masterData}</th>
            </tr>
          </thead>
          <tbody>
            {(tills.data ?? []).map((x) => (
              <tr key={x.tillId} className={x.problems > 0 ? 'problem' : undefined}>
                <td>{x.tillId}</td>
                <td>{x.shopId}</td>
                <td>{x.lastSeq}</td>
                <td>{t.lagText(x.lagRows, x.lagSeconds)}</td>
                <td>{time(x.lastPushAt)}</td>
                <td>{x.problems}</td>
                <td>{t.tillVersion(x.masterVersion, latest.get(x.shopId) ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="master">
        <h2 id="master">{t.masterPerShop}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.shop}</th>
              <th>{t.version}</th>
              <th>{t.since}</th>
              <th>{t.article}</th>
              <th>{t.favourites}</th>
              <th>{t.discountReasons}</th>
            </tr>
          </thead>
          <tbody>
            {(master.data ?? []).map((m) => (
              <tr key={m.shopId}>
                <td>{m.shopId}</td>
                <td>{m.version}</td>
                <td>{time(m.createdAt)}</td>
                <td>{m.products}</td>
                <td>{m.favourites > 0 ? m.favourites : t.tillsOwn}</td>
                <td>{m.discountReasons > 0 ? m.discountReasons : t.tillsOwn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="shops">
        <h2 id="shops">{t.salesPerShop}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.shop}</th>
              <th>{t.sales}</th>
              <th>{t.total}</th>
            </tr>
          </thead>
          <tbody>
            {(day.data?.shops ?? []).map((s) => (
              <tr key={s.shopId}>
                <td>{s.shopId}</td>
                <td>{s.sales}</td>
                <td>{eur(s.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="articles">
        <h2 id="articles">{t.bakingPlan}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.article}</th>
              <th>{t.quantity}</th>
              <th>{t.total}</th>
              <th>{t.perHourShort}</th>
            </tr>
          </thead>
          <tbody>
            {(day.data?.articles ?? []).map((a) => (
              <tr key={a.productId}>
                <td>{a.name}</td>
                <td>{a.weightGrams > 0 ? `${(a.weightGrams / 1000).toFixed(3)} kg` : a.quantity}</td>
                <td>{eur(a.total)}</td>
                <td>
                  {a.byHour
                    .flatMap((count, hour) => (count !== 0 ? [t.hourCount(hour, count)] : []))
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="hours">
        <h2 id="hours">{t.perHour}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.hour}</th>
              <th>{t.sales}</th>
              <th>{t.total}</th>
            </tr>
          </thead>
          <tbody>
            {(day.data?.hours ?? []).map((h) => (
              <tr key={h.hour}>
                <td>{`${String(h.hour).padStart(2, '0')}:00`}</td>
                <td>{h.sales}</td>
                <td>{eur(h.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="closings">
        <h2 id="closings">{t.closings}</h2>
        <table>
          <thead>
            <tr>
              <th>{t.till}</th>
              <th>Z</th>
              <th>{t.time}</th>
              <th>{t.expected}</th>
              <th>{t.counted}</th>
              <th>{t.difference}</th>
            </tr>
          </thead>
          <tbody>
            {(day.data?.closings ?? []).map((c) => (
              <tr key={`${c.tillId}-${c.zNo}`}>
                <td>{c.tillId}</td>
                <td>{c.zNo}</td>
                <td>{time(c.at)}</td>
                <td>{eur(c.expectedCash)}</td>
                <td>{eur(c.countedCash)}</td>
                <td>{eur(c.difference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HeadOffice />
  </StrictMode>,
)
