// A settings list whose items are made with a secret the API shows only once (API tokens,
// webhooks): the item just made is kept for the page to show its secret, and making or
// removing one fetches the list again.
import {
  type QueryKey,
  type UseMutationOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query'
import { useState } from 'react'
import { useToasts } from '../toaster'

export function useSecretItems<
  TCreated,
  TCreateError,
  TCreateInput,
  TRemoved,
  TRemoveError,
  TRemoveInput,
>({
  listKey,
  create,
  remove,
  removedMessage,
}: {
  listKey: QueryKey
  create: UseMutationOptions<TCreated, TCreateError, TCreateInput>
  remove: UseMutationOptions<TRemoved, TRemoveError, TRemoveInput>
  removedMessage: string
}) {
  const queryClient = useQueryClient()
  const toasts = useToasts()
  const [created, setCreated] = useState<TCreated | null>(null)
  const refresh = () => queryClient.invalidateQueries({ queryKey: listKey })
  const createMutation = useMutation({
    ...create,
    onSuccess: (item: TCreated) => {
      setCreated(item)
      void refresh()
    },
  })
  const removeMutation = useMutation({
    ...remove,
    onSuccess: () => {
      toasts.show('success', removedMessage)
      void refresh()
    },
  })
  return { created, create: createMutation, remove: removeMutation }
}
