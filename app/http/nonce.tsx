import { createContext, useContext } from 'react'

// The Content-Security-Policy nonce of this response, for React Router's inline scripts.
export const NonceContext = createContext('')
export const useNonce = () => useContext(NonceContext)
