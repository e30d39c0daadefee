import { useRef, useState, type ReactNode } from 'react';
import { IMAGE_ACCEPT } from '../../lib/image-rules';
import { mediaSrcset } from '../../lib/media-widths';
import { uploadPicture, type UploadedPicture } from './upload';

/**
 * The 图片 block's upload button: choose a photo on the phone or the computer, watch it go (a
 * progress bar with the share in words), and the picture's address, width and height are filled in
 * by themselves; a refusal (not a picture, over 10 MB, signed out) is said in the block in Chinese
 * and changes nothing. Then the focus goes to 图上有什么, which stays required before submitting.
 */
interface Props {
  blockId: string;
  /** The block's address as it is now: an uploaded one is shown small. */
  src: string;
  alt: string;
  /** The id of the 图上有什么 field, focused once a picture is in. */
  altFieldId: string;
  onUploaded: (picture: UploadedPicture) => void;
}

type State = { kind: 'idle' } | { kind: 'sending'; percent: number } | { kind: 'done' } | { kind: 'refused'; message: string };

export function PictureUpload({ blockId, src, alt, altFieldId, onUploaded }: Props): ReactNode {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const hintId = `${blockId}-upload-hint`;
  const progressId = `${blockId}-upload-progress`;

  const send = async (file: File): Promise<void> => {
    setState({ kind: 'sending', percent: 0 });
    const answer = await uploadPicture(file, (share) => setState({ kind: 'sending', percent: Math.min(99, Math.round(share * 100)) }));
    if (answer.kind === 'refused') {
      setState(answer);
      return;
    }
    onUploaded(answer.picture);
    setState({ kind: 'done' });
    window.requestAnimationFrame(() => document.getElementById(altFieldId)?.focus());
  };

  return (
    <div className="editor-upload">
      <button type="button" className="editor-upload-button" aria-describedby={hintId} disabled={state.kind === 'sending'} onClick={() => input.current?.click()}>
        {src.startsWith('/media/') ? '换一张照片' : '选一张照片上传'}
      </button>
      <input
        ref={input}
        type="file"
        accept={IMAGE_ACCEPT}
        hidden
        data-picture-file=""
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared, so choosing the same photo again (after a refusal) still sends it.
          event.currentTarget.value = '';
          if (file) void send(file);
        }}
      />
      <p className="hint" id={hintId}>
        手机或电脑里的照片都可以（JPG、PNG 或 WebP，不超过10MB）。传好后，下面的“图片地址”会自己填上。
      </p>
      <div role="status" className="editor-upload-status">
        {state.kind === 'sending' && (
          <>
            <label htmlFor={progressId}>正在上传：{state.percent}%</label>
            <progress id={progressId} max={100} value={state.percent} />
          </>
        )}
        {state.kind === 'done' && <p>图片已经传好，地址已经填上。请在“图上有什么”里写清图上有什么，看不见图的人会听到它。</p>}
      </div>
      {state.kind === 'refused' && (
        <p className="editor-problem" role="alert">
          <strong>没有上传：</strong>
          {state.message}
        </p>
      )}
      {src.startsWith('/media/') && <img className="editor-upload-picture" src={src} srcSet={mediaSrcset(src)} sizes="20em" alt={alt.trim() || '刚上传的图片（还没有写图上有什么）'} />}
    </div>
  );
}
