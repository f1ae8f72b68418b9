import { createFileRoute } from '@tanstack/react-router'
import { CredentialsForm } from '../auth/credentials-form'
import { leaveIfSignedIn, signedOutSearch } from '../auth/signed-out-route'

export const Route = createFileRoute('/register')({
  validateSearch: signedOutSearch,
  beforeLoad: ({ context, search }) => leaveIfSignedIn(context.queryClient, search.redirect),
  head: () => ({ meta: [{ title: 'Create an account · Echo' }] }),
  component: RegisterPage,
})

function RegisterPage() {
  const { redirect } = Route.useSearch()
  return <CredentialsForm action="register" redirectTo={redirect} />
}
