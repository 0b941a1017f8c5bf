import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { PosProvider } from './platform/api'
import { resolvePosApi } from './platform/pos'
import { setupI18n } from './i18n'
import './styles/touch.css'

setupI18n('de')
// Long-press menus and pinch gestures have no place on a till.
window.addEventListener('contextmenu', (event) => event.preventDefault())

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PosProvider api={resolvePosApi()}>
      <App />
    </PosProvider>
  </StrictMode>,
)
