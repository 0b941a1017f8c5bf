// The demo catalogue: a German bakery counter in late 2026 with realistic prices.
//
// VAT (§ 12 UStG; Steueränderungsgesetz 2025, from 1 Jan 2026; docs/vat-rates.md):
// - All food 7 %, also eaten in the café (vatClass food): the old eat-in 19 % rule for food is gone.
// - Drinks 19 % in-house and to take away (vatClass drink); milk drinks with ≥ 75 % milk are 7 % to
//   take away and 19 % in-house (vatClass milkDrink, catalogue rate = the take-away 7 %). Inference [I]:
//   this shop's Cappuccino (single espresso, 0,3 l cup), Latte Macchiato, Milchkaffee and Kakao are made
//   with ≥ 75 % milk; Kaffee, Espresso and Tee are not. The recipe decides: a shop whose cappuccino is
//   below 75 % milk sets it to drink.
// - Combos (Kaffeegedeck, Frühstück): one price split into the parts' VAT shares (common/combo.ts).
// - Deposits keep a fixed 19 % and top-ups 0 %: loading a secucard balance is not a taxable supply yet
//   (docs/secuconnect.md, top-ups [I]).
// EANs: only packaged goods carry one; the codes are demo codes with valid check digits, except the
// top-up EAN 4260447149502, which secuconnect reserves for loading a card. Article numbers are what
// the shop's price/weight scale prints into in-store EANs (prefix 2x).
import { catalogue, type Catalogue, type Category, type Product } from '../../common/catalog'
import type { VatClass } from '../../common/consumption'

export const TOPUP_EAN = '4260447149502'

const categories: Category[] = [
  { id: 'broetchen', name: 'Brötchen', order: 10, color: '#E3B04B' },
  { id: 'brot', name: 'Brot', order: 20, color: '#A0522D' },
  { id: 'kuchen', name: 'Kuchen & Torte', order: 30, color: '#D9829B' },
  { id: 'suesses', name: 'Süßes Gebäck', order: 40, color: '#C98B3C' },
  { id: 'snacks', name: 'Snacks', order: 50, color: '#7FA650' },
  { id: 'heiss', name: 'Heißgetränke', order: 60, color: '#6F4E37' },
  { id: 'kalt', name: 'Kaltgetränke', order: 70, color: '#3C8DBC' },
  { id: 'guthaben', name: 'Kundenkarte', order: 80, color: '#5B5EA6' },
]

type Row = [
  id: string,
  name: string,
  price: number,
  vatRate: 7 | 19 | 0,
  plu: string,
  extra?: Partial<Product>,
]

const rows: Record<string, Row[]> = {
  broetchen: [
    ['weizenbroetchen', 'Weizenbrötchen', 55, 7, '101'],
    ['kaiserbroetchen', 'Kaiserbrötchen', 60, 7, '102'],
    ['mehrkornbroetchen', 'Mehrkornbrötchen', 85, 7, '103'],
    ['roggenbroetchen', 'Roggenbrötchen', 75, 7, '104'],
    ['dinkelbroetchen', 'Dinkelbrötchen', 95, 7, '105'],
    ['laugenbrezel', 'Laugenbrezel', 110, 7, '106'],
    ['laugenstange', 'Laugenstange', 120, 7, '107'],
    ['croissant', 'Croissant', 160, 7, '108'],
    ['schokocroissant', 'Schoko-Croissant', 190, 7, '109'],
    ['rosinenbroetchen', 'Rosinenbrötchen', 110, 7, '110'],
    ['kaesebroetchen', 'Käsebrötchen', 150, 7, '111'],
  ],
  brot: [
    ['bauernbrot', 'Bauernbrot 1000 g', 520, 7, '201'],
    ['roggenmischbrot', 'Roggenmischbrot 750 g', 440, 7, '202'],
    ['dinkelvollkornbrot', 'Dinkelvollkornbrot 500 g', 490, 7, '203'],
    ['sonnenblumenbrot', 'Sonnenblumenkernbrot 750 g', 510, 7, '204'],
    ['baguette', 'Baguette', 220, 7, '205'],
    ['toastbrot', 'Buttertoast 500 g', 290, 7, '206', { ean: '4260123450014' }],
  ],
  kuchen: [
    ['kaesekuchen', 'Käsekuchen (Stück)', 320, 7, '301'],
    ['bienenstich', 'Bienenstich (Stück)', 320, 7, '302'],
    ['apfelkuchen', 'Gedeckter Apfelkuchen (Stück)', 290, 7, '303'],
    ['streuselkuchen', 'Streuselkuchen (Stück)', 240, 7, '304'],
    ['mohnkuchen', 'Mohnkuchen (Stück)', 290, 7, '305'],
    ['donauwelle', 'Donauwelle (Stück)', 330, 7, '306'],
    ['schwarzwaelder', 'Schwarzwälder Kirschtorte (Stück)', 420, 7, '307'],
    ['frankfurter-kranz', 'Frankfurter Kranz (Stück)', 420, 7, '308'],
    // Split in the ratio of the single prices (2,60 : 2,90), the default rule.
    [
      'kaffeegedeck',
      'Kaffeegedeck',
      490,
      7,
      '309',
      {
        combo: {
          components: [
            { productId: 'kaffee', quantity: 1 },
            { productId: 'apfelkuchen', quantity: 1 },
          ],
          split: 'prices',
        },
      },
    ],
  ],
  suesses: [
    ['berliner', 'Berliner', 160, 7, '401'],
    ['nussecke', 'Nussecke', 250, 7, '402'],
    ['amerikaner', 'Amerikaner', 180, 7, '403'],
    // Sold loose from the counter by weight: price per kg, weight from the scale label.
    ['teegebaeck', 'Teegebäck lose', 2490, 7, '404', { kind: 'weighed', articleNumber: '00404' }],
    // Seasonal: packed and price-labelled by the shop's scale (in-store price EAN).
    ['christstollen', 'Butterstollen', 1490, 7, '405', { articleNumber: '00405' }],
  ],
  snacks: [
    ['belegt-kaese', 'Belegtes Brötchen Käse', 320, 7, '501'],
    ['belegt-schinken', 'Belegtes Brötchen Schinken', 340, 7, '502'],
    // The flat 30 % drinks share the BMF accepts for combos (UStAE 10.1 Abs. 12), as fixed shares.
    [
      'fruehstueck',
      'Frühstück Kaffee + Käsebrötchen',
      420,
      7,
      '503',
      {
        combo: {
          components: [
            { productId: 'kaffee', quantity: 1, share: 30 },
            { productId: 'kaesebroetchen', quantity: 1, share: 70 },
          ],
          split: 'shares',
        },
      },
    ],
  ],
  heiss: [
    ['kaffee', 'Kaffee', 260, 19, '601'],
    ['espresso', 'Espresso', 220, 19, '602'],
    ['cappuccino', 'Cappuccino', 340, 7, '603', { vatClass: 'milkDrink' }],
    ['latte-macchiato', 'Latte Macchiato', 380, 7, '604', { vatClass: 'milkDrink' }],
    ['milchkaffee', 'Milchkaffee', 350, 7, '605', { vatClass: 'milkDrink' }],
    ['kakao', 'Heiße Schokolade', 320, 7, '606', { vatClass: 'milkDrink' }],
    ['tee', 'Tee', 240, 19, '607'],
  ],
  kalt: [
    ['wasser', 'Mineralwasser 0,5 l', 180, 19, '701', { ean: '4007123000517', deposit: 'pfand-einweg' }],
    ['apfelschorle', 'Apfelschorle 0,5 l', 230, 19, '702', { ean: '4007123000524', deposit: 'pfand-einweg' }],
    ['orangensaft', 'Orangensaft 0,25 l', 260, 19, '703', { ean: '4007123000531' }],
    ['apfelsaft', 'Apfelsaft 0,2 l', 220, 19, '704', { ean: '4007123000548', deposit: 'pfand-mehrweg' }],
    // Deposits (Pfand) follow their bottle into the basket and come back with the Pfandrücknahme key;
    // they take the VAT rate of the drink. DPG single-use 0,25 €; glass returnable 0,08 €.
    ['pfand-einweg', 'Pfand Einweg', 25, 19, '791', { kind: 'deposit' }],
    ['pfand-mehrweg', 'Pfand Mehrweg', 8, 19, '792', { kind: 'deposit' }],
  ],
  guthaben: [
    ['topup-10', 'Kartenaufladung 10 €', 1000, 0, '801', { kind: 'topup', ean: TOPUP_EAN }],
    ['topup-20', 'Kartenaufladung 20 €', 2000, 0, '802', { kind: 'topup', ean: TOPUP_EAN }],
    ['topup-50', 'Kartenaufladung 50 €', 5000, 0, '803', { kind: 'topup', ean: TOPUP_EAN }],
    ['topup-free', 'Kartenaufladung (Betrag wählen)', 0, 0, '804', { kind: 'topup', ean: TOPUP_EAN }],
  ],
}

/** Food is 7 % wherever eaten; drinks 19 % unless marked as milk drinks (above). */
const classOf = (categoryId: string): VatClass | undefined =>
  categoryId === 'heiss' || categoryId === 'kalt' ? 'drink' : categoryId === 'guthaben' ? undefined : 'food'

/** A fresh copy each call, validated like an imported file. */
export function demoCatalogue(): Catalogue {
  const products: Product[] = Object.entries(rows).flatMap(([categoryId, list]) =>
    list.map(([id, name, price, vatRate, plu, extra]) => ({
      id,
      name,
      price,
      vatRate,
      plu,
      category: categoryId,
      ...(extra?.kind === 'topup' || extra?.kind === 'deposit' || extra?.combo
        ? {}
        : { vatClass: classOf(categoryId) }),
      ...extra,
    })),
  )
  return catalogue.parse({ categories: structuredClone(categories), products })
}
