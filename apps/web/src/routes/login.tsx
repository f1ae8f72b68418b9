import { createFileRoute } from '@tanstack/react-router'
import { CredentialsForm } from '../auth/credentials-form'
import { leaveIfSignedIn, signedOutSearch } from '../auth/signed-out-route'

export const Route = createFileRoute('/login')({
  validateSearch: signedOutSearch,
  beforeLoad: ({ context, search }) => leaveIfSignedIn(context.queryClient, search.redirect),
  head: () => ({ meta: [{ title: 'Sign in · Echo' }] }),
  component: LoginPage,
})

function LoginPage() {
  const { redirect } = Route.useSearch()
  return <CredentialsForm action="login" redirectTo={redirect} />
}
