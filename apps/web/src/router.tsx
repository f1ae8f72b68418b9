import { isServer, MutationCache, QueryClient } from '@tanstack/react-query'
import { createRouter } from '@tanstack/react-router'
import { setupRouterSsrQueryIntegration } from '@tanstack/react-router-ssr-query'
import { errorMessage, isTransient } from './api/errors'
import { routeTree } from './routeTree.gen'
import { NotFound, RouteError } from './ui/route-status'
import { createToastStore } from './ui/toast-store'
import { ToastProvider } from './ui/toaster'

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /**
       * false: the component shows this mutation's error itself (e.g. next to form fields);
       * a function: it shows the errors for which this answers false.
       */
      toast?: boolean | ((error: unknown) => boolean)
    }
  }
}

/** Called by Start once per SSR request and once in the browser: nothing is shared. */
export function getRouter() {
  const toasts = createToastStore()
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        // The API answered with an error on purpose (401, 404, 422...): asking again
        // gives the same answer. Retry only when there was no answer (or a 500), and
        // never during SSR, where a retry only delays the error page.
        retry: (failureCount, error) => !isServer && failureCount < 2 && isTransient(error),
      },
    },
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        const toast = mutation.meta?.toast ?? true
        if (typeof toast === 'function' ? toast(error) : toast) {
          toasts.show('error', errorMessage(error))
        }
      },
    }),
  })

  const router = createRouter({
    routeTree,
    context: { queryClient },
    // Query owns freshness; the router's own preload cache would hide refetches.
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    defaultErrorComponent: RouteError,
    defaultNotFoundComponent: NotFound,
    scrollRestoration: true,
    // biome-ignore lint/correctness/noComponentHookFactories: it must close over this router's own toast store
    Wrap: ({ children }) => <ToastProvider store={toasts}>{children}</ToastProvider>,
  })
  // Dehydrates the queries loaders fetched during SSR into the page, hydrates them in
  // the browser, and wraps the app in the QueryClientProvider.
  setupRouterSsrQueryIntegration({ router, queryClient })
  return router
}
